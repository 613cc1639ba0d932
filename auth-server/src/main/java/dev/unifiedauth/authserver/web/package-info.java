/**
 * Pages that are not part of a protocol: the home page that tells a newcomer where everything is.
 */
package dev.unifiedauth.authserver.web;
