package org.sundaydigest.issue;

/** One pre-send check of an issue; a failed blocking check stops the send. */
public record Check(String name, boolean passed, boolean blocking, String message) {

    static Check of(String name, boolean passed, String ok, String failed) {
        return new Check(name, passed, true, passed ? ok : failed);
    }
}
