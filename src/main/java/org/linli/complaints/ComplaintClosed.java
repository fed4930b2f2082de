package org.linli.complaints;

/**
 * Published when an item is closed: confirmed by the resident ({@code satisfied} true),
 * or closed by itself unconfirmed ({@code satisfied} null).
 */
public record ComplaintClosed(long complaintId, long communityId, String number, ComplaintKind kind,
		ComplaintCategory category, Boolean satisfied) {
}
