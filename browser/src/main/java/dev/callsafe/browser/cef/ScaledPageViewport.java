package dev.callsafe.browser.cef;

import java.awt.Component;
import java.awt.GraphicsConfiguration;
import java.awt.geom.AffineTransform;

import com.jogamp.opengl.GLAutoDrawable;
import com.jogamp.opengl.GLEventListener;
import com.jogamp.opengl.awt.GLCanvas;

/**
 * Puts the off-screen page's picture where it belongs on a scaled screen (GDK_SCALE=2).
 *
 * <p>Measured under Xvfb with Java's UI scale 2: Chromium paints at device scale (a 2400x1304 picture for a
 * 1200x652 canvas, sharp) and the canvas's X window is 2400x1304, but the picture showed one logical height
 * too low: only its top half was visible, in the lower half of the page area (input was right). JOGL sets the
 * GL viewport to the canvas's logical size (1200x652) before its listeners' reshape, and JCEF's renderer
 * without hardware GL draws the picture with {@code glRasterPos2f(-1, 1)} + {@code glDrawPixels} from that
 * viewport's top-left corner, which is row 652 of a 1304-row window. Setting the viewport to the window's
 * size in device pixels after JOGL's puts that corner at the window's top. At scale 1 nothing changes; with
 * hardware GL JCEF sets the viewport to the picture's (device) size itself.
 */
public final class ScaledPageViewport implements GLEventListener {
    private final GLEventListener renderer;
    private final Component canvas;

    private ScaledPageViewport(GLEventListener renderer, Component canvas) {
        this.renderer = renderer;
        this.canvas = canvas;
    }

    /** Wraps JCEF's GL listener of {@code canvas} (its only one) so the viewport is set in device pixels. */
    public static void install(GLCanvas canvas) {
        if (canvas.getGLEventListenerCount() != 1) {
            return; // not JCEF's canvas as measured: leave it alone
        }
        GLEventListener cef = canvas.getGLEventListener(0);
        canvas.removeGLEventListener(cef);
        canvas.addGLEventListener(new ScaledPageViewport(cef, canvas));
    }

    @Override
    public void init(GLAutoDrawable drawable) {
        renderer.init(drawable);
    }

    @Override
    public void dispose(GLAutoDrawable drawable) {
        renderer.dispose(drawable);
    }

    @Override
    public void reshape(GLAutoDrawable drawable, int x, int y, int width, int height) {
        renderer.reshape(drawable, x, y, width, height);
        GraphicsConfiguration gc = canvas.getGraphicsConfiguration();
        AffineTransform scale = gc == null ? new AffineTransform() : gc.getDefaultTransform();
        if (scale.getScaleX() != 1 || scale.getScaleY() != 1) {
            drawable.getGL().glViewport(0, 0, (int) Math.round(width * scale.getScaleX()),
                    (int) Math.round(height * scale.getScaleY()));
        }
    }

    @Override
    public void display(GLAutoDrawable drawable) {
        renderer.display(drawable);
    }
}
