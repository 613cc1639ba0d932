package dev.unifiedauth.resourceserver.documents;

import java.time.Instant;

/**
 * A stored document.
 *
 * @param id identifier
 * @param title title, at most {@value DocumentStore#MAX_TITLE} characters
 * @param content text, at most {@value DocumentStore#MAX_CONTENT} characters
 * @param createdBy the {@code sub} of the token that created it
 * @param updatedAt last change
 */
public record Document(String id, String title, String content, String createdBy, Instant updatedAt) {
}
