/**
 * A small payments API (list, read, create) kept in memory with a fixed upper bound; the operations are
 * {@code payments:read} and {@code payments:create} of the shared policy (create is FORBIDDEN for agents in the
 * demo policy: only a human whose role grants it can pay).
 */
package dev.unifiedauth.resourceserver.payments;
