package dev.unifiedauth.resourceserver.users;

import java.time.Instant;

/**
 * A user as the demo API shows it.
 *
 * @param id the user's id (the {@code sub} of their tokens)
 * @param email email address, at most {@value UserStore#MAX_EMAIL} characters
 * @param name display name, at most {@value UserStore#MAX_NAME} characters
 * @param role the user's role
 * @param updatedAt last change
 */
public record User(String id, String email, String name, String role, Instant updatedAt) {
}
