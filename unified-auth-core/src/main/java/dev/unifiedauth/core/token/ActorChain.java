package dev.unifiedauth.core.token;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The agents acting for a human, from the first delegate (root side) to the current actor (leaf). In a token it
 * is the nested {@code act} claim of RFC 8693 §4.1, outermost = current actor: the chain
 * {@code [scheduling-agent-001, analysis-agent-002]} is
 * {@code {"sub": "analysis-agent-002", "act": {"sub": "scheduling-agent-001"}}}. Immutable.
 *
 * @param actors client ids, first delegate first
 */
public record ActorChain(List<String> actors) {

	/** Nesting deeper than this is refused while parsing, whatever the configured maximum depth. */
	static final int PARSE_LIMIT = 16;

	public ActorChain {
		actors = List.copyOf(actors);
	}

	public static ActorChain empty() {
		return new ActorChain(List.of());
	}

	/**
	 * Reads an {@code act} claim; {@code null} is the empty chain.
	 * @throws IllegalArgumentException if it is not a nesting of objects with a string {@code sub}
	 */
	public static ActorChain fromActClaim(Object act) {
		List<String> leafFirst = new ArrayList<>();
		Object current = act;
		while (current != null) {
			if (!(current instanceof Map<?, ?> level) || !(level.get("sub") instanceof String sub) || sub.isBlank()) {
				throw new IllegalArgumentException("act must be an object with a string sub (RFC 8693 §4.1)");
			}
			leafFirst.add(sub);
			if (leafFirst.size() > PARSE_LIMIT) {
				throw new IllegalArgumentException("act is nested too deeply");
			}
			current = level.get("act");
		}
		List<String> rootFirst = new ArrayList<>(leafFirst);
		Collections.reverse(rootFirst);
		return new ActorChain(rootFirst);
	}

	/** The {@code act} claim, outermost = current actor; {@code null} for the empty chain. */
	public Map<String, Object> toActClaim() {
		Map<String, Object> act = null;
		for (String actor : this.actors) {
			Map<String, Object> level = new HashMap<>();
			level.put("sub", actor);
			if (act != null) {
				level.put("act", act);
			}
			act = level;
		}
		return act;
	}

	public ActorChain with(String actor) {
		List<String> extended = new ArrayList<>(this.actors);
		extended.add(actor);
		return new ActorChain(extended);
	}

	public boolean contains(String actor) {
		return this.actors.contains(actor);
	}

	public int depth() {
		return this.actors.size();
	}

	public boolean isEmpty() {
		return this.actors.isEmpty();
	}

	/** The current actor, or {@code null} for a human's own token. */
	public String current() {
		return this.actors.isEmpty() ? null : this.actors.get(this.actors.size() - 1);
	}

	/** The chain as the contract writes it: human first, then every actor. */
	public List<String> withRoot(String human) {
		List<String> all = new ArrayList<>();
		all.add(human);
		all.addAll(this.actors);
		return all;
	}

}
