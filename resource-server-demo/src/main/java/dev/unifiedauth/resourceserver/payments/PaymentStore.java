package dev.unifiedauth.resourceserver.payments;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * In-memory payments, bounded to {@value #MAX_PAYMENTS} entries so that callers cannot exhaust memory.
 * Thread-safe.
 */
@Component
final class PaymentStore {

	static final int MAX_PAYMENTS = 1_000;

	static final int MAX_PAYEE = 200;

	static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000.00");

	private final ConcurrentMap<String, Payment> payments = new ConcurrentHashMap<>();

	private final AtomicLong sequence = new AtomicLong();

	private final Clock clock;

	PaymentStore(Clock clock) {
		this.clock = clock;
		create(new BigDecimal("120.00"), "EUR", "Office supplies Ltd", "seed");
		create(new BigDecimal("89.90"), "EUR", "Cloud hosting Inc", "seed");
	}

	List<Payment> list() {
		return this.payments.values().stream().sorted(Comparator.comparing(Payment::id)).toList();
	}

	Optional<Payment> find(String id) {
		return Optional.ofNullable(this.payments.get(id));
	}

	/** @return the new payment, or empty when the store is full */
	synchronized Optional<Payment> create(BigDecimal amount, String currency, String payee, String createdBy) {
		if (this.payments.size() >= MAX_PAYMENTS) {
			return Optional.empty();
		}
		String id = "pay-" + this.sequence.incrementAndGet();
		Payment payment = new Payment(id, amount, currency, payee, createdBy, this.clock.instant());
		this.payments.put(id, payment);
		return Optional.of(payment);
	}

}
