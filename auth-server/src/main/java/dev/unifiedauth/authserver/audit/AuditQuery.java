package dev.unifiedauth.authserver.audit;

/**
 * A page of the trail as one reader may see it.
 *
 * @param root only entries whose chain starts with this human; {@code null} for every entry (administrators)
 * @param actor only entries in whose chain this party appears, or whose client it is; {@code null} for any
 * @param type only entries of this event type; {@code null} for any
 * @param task only entries of this task; {@code null} for any
 * @param page the page, from 0
 * @param size entries per page, 1 to {@link #MAX_SIZE}
 * @param ascending oldest first instead of newest first
 */
record AuditQuery(String root, String actor, String type, String task, int page, int size, boolean ascending) {

	static final int MAX_SIZE = 200;

	static final int DEFAULT_SIZE = 50;

	/** Far enough for any real trail, small enough that {@code page * size} never overflows. */
	static final int MAX_PAGE = 1_000_000;

	AuditQuery {
		if (page < 0 || page > MAX_PAGE) {
			throw new IllegalArgumentException("page must be between 0 and " + MAX_PAGE);
		}
		if (size < 1 || size > MAX_SIZE) {
			throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
		}
		actor = blankToNull(actor);
		type = blankToNull(type);
		task = blankToNull(task);
	}

	long offset() {
		return (long) this.page * this.size;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
