package org.sundaydigest.issue;

/** An issue's life: curated while a draft, frozen once sending starts. */
public enum IssueStatus {
    DRAFT, SENDING, SENT
}
