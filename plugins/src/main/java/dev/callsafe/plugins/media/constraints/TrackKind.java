package dev.callsafe.plugins.media.constraints;

/** The kind of a track, which decides the constraints that apply to it. */
public enum TrackKind { VIDEO, AUDIO }
