package dev.unifiedauth.resourceserver.users;

import java.util.List;
import java.util.regex.Pattern;

import dev.unifiedauth.resourceserver.access.RequiresOperation;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The users API: list, read, update (email and name; roles are the authorization server's business), delete.
 * Each handler names its operation; {@code access.TierEnforcement} decides it before the handler runs.
 */
@RestController
@RequestMapping("/api/users")
final class UsersController {

	private final UserStore store;

	UsersController(UserStore store) {
		this.store = store;
	}

	@GetMapping
	@RequiresOperation(value = "users:read", target = "")
	List<User> list() {
		return this.store.list();
	}

	@GetMapping("/{id}")
	@RequiresOperation("users:read")
	User read(@PathVariable String id) {
		return this.store.find(id).orElseThrow(UsersController::notFound);
	}

	@PutMapping("/{id}")
	@RequiresOperation("users:update")
	User update(@PathVariable String id, @RequestBody UserInput input) {
		input.validate();
		return this.store.update(id, input.email(), input.name()).orElseThrow(UsersController::notFound);
	}

	@DeleteMapping("/{id}")
	@RequiresOperation("users:delete")
	ResponseEntity<Void> delete(@PathVariable String id) {
		if (!this.store.delete(id)) {
			throw notFound();
		}
		return ResponseEntity.noContent().build();
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such user");
	}

	/** The body of update. */
	record UserInput(String email, String name) {

		/** Deliberately simple: one {@code @}, no spaces or controls, a dot in the domain. */
		private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");

		private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

		void validate() {
			if (this.email == null || this.email.length() > UserStore.MAX_EMAIL || !EMAIL.matcher(this.email).matches()) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"email is required: an address of at most " + UserStore.MAX_EMAIL + " characters");
			}
			if (this.name == null || this.name.isBlank() || this.name.length() > UserStore.MAX_NAME
					|| CONTROL.matcher(this.name).find()) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "name is required: at most "
						+ UserStore.MAX_NAME + " characters without control characters");
			}
		}

	}

}
