package dev.unifiedauth.core.token;

import java.util.regex.Pattern;

/**
 * The task a delegated token is bound to, chosen by whoever starts the delegation and inherited unchanged by
 * every sub-delegation. Immutable.
 *
 * @param value 1 to 64 characters: letters, digits, {@code . _ : -}, starting with a letter or digit
 */
public record TaskId(String value) {

	private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

	public TaskId {
		if (value == null || !FORM.matcher(value).matches()) {
			throw new IllegalArgumentException("task_id must be 1-64 characters of letters, digits and . _ : -");
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
