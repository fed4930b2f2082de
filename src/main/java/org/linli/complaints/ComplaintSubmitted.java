package org.linli.complaints;

/**
 * Published when a complaint, suggestion or praise comes in: never with its author, who
 * may be anonymous.
 */
public record ComplaintSubmitted(long complaintId, long communityId, String number, ComplaintKind kind,
		ComplaintCategory category) {
}
