package dev.unifiedauth.authserver.authorize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import dev.unifiedauth.authserver.errors.OAuthErrors;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Writes authorization responses. Success and error redirects carry {@code iss} (RFC 9207 §2) next to
 * {@code code} or {@code error} and {@code state}. An error whose redirect URI is unknown or untrusted (unknown
 * client, mismatching redirect URI) is shown as an HTML page and never redirected (OAuth 2.1 §4.1.2.1,
 * RFC 9700 §4.1.3). Redirects use 302 (OAuth 2.1 §7.5.3 forbids 307). Thread-safe.
 */
public final class AuthorizationResponses implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

	private final String issuer;

	private final ITemplateEngine templates;

	public AuthorizationResponses(String issuer, ITemplateEngine templates) {
		this.issuer = issuer;
		this.templates = templates;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		OAuth2AuthorizationCodeRequestAuthenticationToken result = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(result.getRedirectUri())
			.queryParam(OAuth2ParameterNames.CODE, encode(result.getAuthorizationCode().getTokenValue()));
		appendStateAndIssuer(uri, result.getState());
		redirect(response, uri);
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		OAuth2Error error = ((OAuth2AuthenticationException) exception).getError();
		OAuth2AuthorizationCodeRequestAuthenticationToken failed = (exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException requestException)
				? requestException.getAuthorizationCodeRequestAuthentication() : null;
		if (failed == null || !StringUtils.hasText(failed.getRedirectUri())) {
			renderErrorPage(response, error);
			return;
		}
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(failed.getRedirectUri())
			.queryParam(OAuth2ParameterNames.ERROR, encode(error.getErrorCode()));
		if (StringUtils.hasText(error.getDescription())) {
			uri.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION,
					encode(OAuthErrors.error(error.getErrorCode(), error.getDescription()).getDescription()));
		}
		appendStateAndIssuer(uri, failed.getState());
		redirect(response, uri);
	}

	private void appendStateAndIssuer(UriComponentsBuilder uri, String state) {
		if (StringUtils.hasText(state)) {
			uri.queryParam(OAuth2ParameterNames.STATE, encode(state));
		}
		uri.queryParam("iss", encode(this.issuer)); // RFC 9207 §2
	}

	private static void redirect(HttpServletResponse response, UriComponentsBuilder uri) {
		response.setStatus(HttpStatus.FOUND.value());
		response.setHeader("Location", uri.build(true).toUriString());
		response.setHeader("Cache-Control", "no-store");
	}

	private void renderErrorPage(HttpServletResponse response, OAuth2Error error) throws IOException {
		Context context = new Context();
		context.setVariable("error", error.getErrorCode());
		context.setVariable("description", OAuthErrors.error(error.getErrorCode(), error.getDescription()).getDescription());
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Cache-Control", "no-store");
		this.templates.process("authorize-error", context, response.getWriter());
	}

	private static String encode(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

}
