package org.sundaydigest.common;

import io.smallrye.config.WithDefault;

/** How the editors' accounts are guarded; part of {@link DigestConfig}, its keys directly under {@code digest.}. */
public interface AccountSettings {

    /** Admins and editors must turn on a second factor (TOTP) before they may do anything but that. */
    @WithDefault("false")
    boolean requireSecondFactor();

    /** A send, by an editor or the schedule, waits until a second editor or admin approves the issue. */
    @WithDefault("false")
    boolean sendApproval();
}
