package dev.callsafe.capture.screen;

/** How pixels that may not be shared are shown in a shared frame (seed 001's open issue: both, a user setting). */
public enum OcclusionStyle {
    /** Mid grey (I420 Y=U=V=128): the viewer sees that something covers the shared item. */
    GREY,
    /** The last pixels that were visible there (grey until any were); nothing of the covering window shows. */
    FREEZE
}
