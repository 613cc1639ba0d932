/**
 * Small helpers shared by the JDBC stores of every capability: instants are stored as
 * {@code TIMESTAMP WITH TIME ZONE} in UTC on H2 and PostgreSQL alike, and SHA-256 hashes stand in for
 * secrets that must be looked up but never stored.
 */
package dev.unifiedauth.authserver.storage;
