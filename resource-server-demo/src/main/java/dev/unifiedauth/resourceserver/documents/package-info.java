/**
 * A small documents API (list, read, create, update, delete) kept in memory with a fixed upper bound; the
 * operations are {@code documents:read}, {@code documents:create}, {@code documents:update} and
 * {@code documents:delete} of the shared policy (delete is SUPERVISED for agents in the demo policy).
 */
package dev.unifiedauth.resourceserver.documents;
