package org.sundaydigest.subscriber;

/** Where a reader stands; only {@link #ACTIVE} readers receive the digest. */
public enum SubscriberStatus {
    /** Signed up, has not confirmed yet. */
    PENDING,
    /** Confirmed; receives the digest. */
    ACTIVE,
    /** Left; receives nothing until signing up and confirming again. */
    UNSUBSCRIBED,
    /** Their mailbox rejected the digest permanently. */
    BOUNCED
}
