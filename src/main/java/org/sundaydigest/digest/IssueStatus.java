package org.sundaydigest.digest;

/** An issue's life: curated while a draft, frozen once sending starts. */
public enum IssueStatus {
    DRAFT, SENDING, SENT
}
