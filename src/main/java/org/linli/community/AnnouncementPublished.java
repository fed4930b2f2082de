package org.linli.community;

/**
 * An announcement reached its publishing time and its addressees were notified.
 *
 * @param announcementId the announcement
 * @param communityId its community
 * @param households how many households it was addressed to then
 */
public record AnnouncementPublished(long announcementId, long communityId, long households) {
}
