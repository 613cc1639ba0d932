/**
 * Discovery documents: RFC 8414 authorization-server metadata and OpenID Connect Discovery 1.0. Spring fills
 * both with a fixed list that names capabilities this server has switched off (mutual-TLS client
 * authentication, JWT client assertions, the token-exchange grant before it was hardened); this package
 * states exactly what the server does.
 */
package dev.unifiedauth.authserver.metadata;
