package org.sundaydigest.feed;

/** How the last fetch of a feed went. */
public enum FeedStatus {
    /** Fetched and read; its entries were imported (an entry that could not be is named in the error). */
    OK,
    /** The publisher answered that nothing changed since the previous fetch (304). */
    NOT_MODIFIED,
    /** The feed could not be fetched or read; the error says why. Tried again at the next poll. */
    ERROR
}
