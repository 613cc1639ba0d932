/**
 * A small users API (list, read, update, delete) kept in memory and seeded with the demo's alice and bob; the
 * operations are {@code users:read}, {@code users:update} and {@code users:delete} of the shared policy (update
 * is SUPERVISED and delete FORBIDDEN for agents in the demo policy).
 */
package dev.unifiedauth.resourceserver.users;
