package dev.unifiedauth.resourceserver.revocation;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.unifiedauth.core.revocation.RevocationRule;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reads one page of the authorization server's revocation feed: {@code GET /revocations/v1/events?after=N} with
 * this server's client credentials in HTTP Basic (RFC 6749 §2.3.1). Any answer other than a well-formed 200, or
 * none within the timeouts, is a {@link FeedUnavailableException}. Thread-safe.
 */
public final class RevocationFeedClient implements RevocationStatus.Feed {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private final RestClient http;

	private final URI feedUri;

	private final String basicUser;

	private final String basicPassword;

	/**
	 * @param http a client with the connect and read timeouts set
	 * @param feedUri the feed endpoint
	 * @param clientId this server's client id at the authorization server
	 * @param clientSecret its secret
	 */
	public RevocationFeedClient(RestClient http, URI feedUri, String clientId, String clientSecret) {
		this.http = http;
		this.feedUri = feedUri;
		this.basicUser = URLEncoder.encode(clientId, StandardCharsets.UTF_8);
		this.basicPassword = URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
	}

	/**
	 * @param after the last sequence number already read ({@code 0} at first)
	 * @throws FeedUnavailableException if no well-formed page arrives
	 */
	@Override
	public Page read(long after) {
		URI uri = UriComponentsBuilder.fromUri(this.feedUri).queryParam("after", after).build(true).toUri();
		Map<String, Object> body;
		try {
			body = this.http.get()
				.uri(uri)
				.headers((headers) -> headers.setBasicAuth(this.basicUser, this.basicPassword))
				.accept(MediaType.APPLICATION_JSON)
				.exchange((sent, response) -> {
					if (!HttpStatus.OK.equals(response.getStatusCode())) {
						throw new FeedUnavailableException("The revocation feed answered " + response.getStatusCode().value());
					}
					return response.bodyTo(JSON_OBJECT);
				});
		}
		catch (RestClientException ex) {
			throw new FeedUnavailableException("The revocation feed could not be read: " + ex.getMessage());
		}
		return page(body);
	}

	private static Page page(Map<String, Object> body) {
		if (body == null || !(body.get("events") instanceof List<?> events) || !(body.get("next") instanceof Number next)) {
			throw new FeedUnavailableException("The revocation feed's answer is malformed");
		}
		List<RevocationRule> rules = new ArrayList<>(events.size());
		try {
			for (Object event : events) {
				if (!(event instanceof Map<?, ?> map)) {
					throw new IllegalArgumentException("not an object");
				}
				rules.add(RevocationRule.fromMap(map));
			}
		}
		catch (IllegalArgumentException ex) {
			throw new FeedUnavailableException("The revocation feed sent a malformed rule");
		}
		return new Page(rules, next.longValue(), Boolean.TRUE.equals(body.get("more")));
	}

	/**
	 * One page of the feed.
	 *
	 * @param rules the rules in it
	 * @param next the cursor to read from next
	 * @param more whether the server has more right now
	 */
	public record Page(List<RevocationRule> rules, long next, boolean more) {

		public Page {
			rules = List.copyOf(rules);
		}

	}

	/** The feed could not be read; the caller keeps what it has and counts towards staleness. */
	public static final class FeedUnavailableException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		public FeedUnavailableException(String message) {
			super(message);
		}

	}

}
