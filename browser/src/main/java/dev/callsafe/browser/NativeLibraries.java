package dev.callsafe.browser;

import java.io.PrintStream;
import java.util.Map;

import com.jogamp.opengl.GLProfile;
import com.sun.jna.Library;
import com.sun.jna.Native;

import dev.callsafe.capture.video.FFmpegLoader;

/**
 * {@code callsafe --check-natives}: loads every family of native code the browser uses besides Chromium
 * (FFmpeg through JavaCPP, JNA with libxcb, JOGL for the page's canvas) the way the browser loads them, and
 * prints where each came from. An installed package points them at its own unpacked copies
 * ({@code java.library.path}, JavaCPP's {@code pathsFirst}, {@code jna.boot.library.path},
 * JOGL without its temporary jar cache), so this loads them without writing a file; the package test checks that.
 */
final class NativeLibraries {
    private NativeLibraries() {
    }

    static void check(PrintStream out) {
        FFmpegLoader.load();
        out.println("FFmpeg " + org.bytedeco.ffmpeg.global.avutil.av_version_info().getString());
        for (Map.Entry<String, String> e : org.bytedeco.javacpp.Loader.getLoadedLibraries().entrySet()) {
            out.println("  " + e.getKey() + " <- " + e.getValue());
        }
        Native.load("xcb", Library.class);
        out.println("JNA " + Native.VERSION + " <- " + System.getProperty("jnidispatch.path", "(not reported)"));
        GLProfile.initSingleton();
        out.println("JOGL " + GLProfile.getDefault() + " (temporary jar cache "
                + ("false".equals(System.getProperty("jogamp.gluegen.UseTempJarCache")) ? "off" : "on") + ")");
    }
}
