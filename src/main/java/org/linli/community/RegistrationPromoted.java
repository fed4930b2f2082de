package org.linli.community;

/**
 * A household on an activity's waiting list got places that freed up.
 *
 * @param activityId the activity
 * @param registrationId the registration promoted
 * @param roomId the household's room
 * @param people the places it now holds
 */
public record RegistrationPromoted(long activityId, long registrationId, long roomId, int people) {
}
