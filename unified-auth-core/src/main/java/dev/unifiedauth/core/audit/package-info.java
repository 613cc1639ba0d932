/**
 * The shape of an audit event, shared by both servers so that their decisions land in one trail. An event never
 * carries a token, a proof or a secret: tokens are named by their {@code jti}.
 */
package dev.unifiedauth.core.audit;
