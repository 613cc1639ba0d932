package dev.unifiedauth.resourceserver.documents;

import java.net.URI;
import java.util.List;

import dev.unifiedauth.resourceserver.access.RequiresOperation;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The documents API. Each handler names its operation; {@code access.TierEnforcement} decides it with the shared
 * policy before the handler runs.
 */
@RestController
@RequestMapping("/api/documents")
final class DocumentsController {

	private final DocumentStore store;

	DocumentsController(DocumentStore store) {
		this.store = store;
	}

	@GetMapping
	@RequiresOperation(value = "documents:read", target = "")
	List<Document> list() {
		return this.store.list();
	}

	@GetMapping("/{id}")
	@RequiresOperation("documents:read")
	Document read(@PathVariable String id) {
		return this.store.find(id).orElseThrow(DocumentsController::notFound);
	}

	@PostMapping
	@RequiresOperation(value = "documents:create", target = "")
	ResponseEntity<Document> create(@RequestBody DocumentInput input, @AuthenticationPrincipal Jwt token) {
		input.validate();
		Document created = this.store.create(input.title(), input.content(), token.getSubject())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.INSUFFICIENT_STORAGE, "Document limit reached"));
		return ResponseEntity.created(URI.create("/api/documents/" + created.id())).body(created);
	}

	@PutMapping("/{id}")
	@RequiresOperation("documents:update")
	Document update(@PathVariable String id, @RequestBody DocumentInput input) {
		input.validate();
		return this.store.update(id, input.title(), input.content()).orElseThrow(DocumentsController::notFound);
	}

	@DeleteMapping("/{id}")
	@RequiresOperation("documents:delete")
	ResponseEntity<Void> delete(@PathVariable String id) {
		if (!this.store.delete(id)) {
			throw notFound();
		}
		return ResponseEntity.noContent().build();
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such document");
	}

	/** The body of create and update. */
	record DocumentInput(String title, String content) {

		static void validate(DocumentInput input) {
			if (input == null) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A JSON body with title is required");
			}
			input.validate();
		}

		void validate() {
			if (this.title == null || this.title.isBlank() || this.title.length() > DocumentStore.MAX_TITLE) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"title is required and at most " + DocumentStore.MAX_TITLE + " characters");
			}
			if (this.content != null && this.content.length() > DocumentStore.MAX_CONTENT) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"content is at most " + DocumentStore.MAX_CONTENT + " characters");
			}
		}

	}

}
