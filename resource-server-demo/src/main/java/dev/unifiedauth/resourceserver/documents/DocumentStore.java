package dev.unifiedauth.resourceserver.documents;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * In-memory documents, bounded to {@value #MAX_DOCUMENTS} entries so that callers cannot exhaust memory.
 * Thread-safe.
 */
@Component
public final class DocumentStore {

	static final int MAX_DOCUMENTS = 1_000;

	static final int MAX_TITLE = 200;

	static final int MAX_CONTENT = 20_000;

	private final ConcurrentMap<String, Document> documents = new ConcurrentHashMap<>();

	private final AtomicLong sequence = new AtomicLong();

	private final Clock clock;

	DocumentStore(Clock clock) {
		this.clock = clock;
		create("Quarterly plan", "Goals and milestones for the quarter.", "seed");
		create("Meeting notes", "Notes of the weekly planning meeting.", "seed");
		create("Onboarding guide", "How new colleagues get started.", "seed");
	}

	public List<Document> list() {
		return this.documents.values().stream().sorted(Comparator.comparing(Document::id)).toList();
	}

	public Optional<Document> find(String id) {
		return Optional.ofNullable(this.documents.get(id));
	}

	/** @return the new document, or empty when the store is full */
	public synchronized Optional<Document> create(String title, String content, String createdBy) {
		if (this.documents.size() >= MAX_DOCUMENTS) {
			return Optional.empty();
		}
		String id = "doc-" + this.sequence.incrementAndGet();
		Document document = new Document(id, title, content, createdBy, this.clock.instant());
		this.documents.put(id, document);
		return Optional.of(document);
	}

	public Optional<Document> update(String id, String title, String content) {
		return Optional.ofNullable(this.documents.computeIfPresent(id,
				(key, old) -> new Document(key, title, content, old.createdBy(), this.clock.instant())));
	}

	public boolean delete(String id) {
		return this.documents.remove(id) != null;
	}

}
