/**
 * A small documents API (list, read, create, update, delete) kept in memory with a fixed upper bound; the
 * operations map one to one to the scopes {@code documents:read}, {@code documents:create},
 * {@code documents:update} and {@code documents:delete}.
 */
package dev.unifiedauth.resourceserver.documents;
