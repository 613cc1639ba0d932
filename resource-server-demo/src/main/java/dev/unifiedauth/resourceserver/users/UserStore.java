package dev.unifiedauth.resourceserver.users;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.stereotype.Component;

/**
 * In-memory users, seeded with the demo's alice and bob. Nothing adds users, so the store never grows beyond
 * its seed; updates are bounded by the field limits. Thread-safe.
 */
@Component
final class UserStore {

	static final int MAX_NAME = 100;

	static final int MAX_EMAIL = 254;

	private final ConcurrentMap<String, User> users = new ConcurrentHashMap<>();

	private final Clock clock;

	UserStore(Clock clock) {
		this.clock = clock;
		put(new User("usr-alice-001", "alice@example.com", "Alice", "admin", clock.instant()));
		put(new User("usr-bob-002", "bob@example.com", "Bob", "viewer", clock.instant()));
	}

	List<User> list() {
		return this.users.values().stream().sorted(Comparator.comparing(User::id)).toList();
	}

	Optional<User> find(String id) {
		return Optional.ofNullable(this.users.get(id));
	}

	Optional<User> update(String id, String email, String name) {
		return Optional.ofNullable(this.users.computeIfPresent(id,
				(key, old) -> new User(key, email, name, old.role(), this.clock.instant())));
	}

	boolean delete(String id) {
		return this.users.remove(id) != null;
	}

	private void put(User user) {
		this.users.put(user.id(), user);
	}

}
