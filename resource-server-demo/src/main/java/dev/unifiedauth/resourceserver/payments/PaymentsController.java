package dev.unifiedauth.resourceserver.payments;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import dev.unifiedauth.resourceserver.access.RequiresOperation;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The payments API: list, read, create. Each handler names its operation; {@code access.TierEnforcement} decides
 * it before the handler runs.
 */
@RestController
@RequestMapping("/api/payments")
final class PaymentsController {

	private final PaymentStore store;

	PaymentsController(PaymentStore store) {
		this.store = store;
	}

	@GetMapping
	@RequiresOperation(value = "payments:read", target = "")
	List<Payment> list() {
		return this.store.list();
	}

	@GetMapping("/{id}")
	@RequiresOperation("payments:read")
	Payment read(@PathVariable String id) {
		return this.store.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such payment"));
	}

	@PostMapping
	@RequiresOperation(value = "payments:create", target = "")
	ResponseEntity<Payment> create(@RequestBody PaymentInput input, @AuthenticationPrincipal Jwt token) {
		input.validate();
		Payment created = this.store.create(input.amount(), input.currency(), input.payee(), token.getSubject())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.INSUFFICIENT_STORAGE, "Payment limit reached"));
		return ResponseEntity.created(URI.create("/api/payments/" + created.id())).body(created);
	}

	/** The body of create. */
	record PaymentInput(BigDecimal amount, String currency, String payee) {

		private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

		private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

		void validate() {
			if (this.amount == null || this.amount.signum() <= 0 || this.amount.compareTo(PaymentStore.MAX_AMOUNT) > 0
					|| this.amount.stripTrailingZeros().scale() > 2) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"amount is required: positive, at most two decimals, at most " + PaymentStore.MAX_AMOUNT);
			}
			if (this.currency == null || !CURRENCY.matcher(this.currency).matches()) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"currency is required: an ISO 4217 code such as EUR");
			}
			if (this.payee == null || this.payee.isBlank() || this.payee.length() > PaymentStore.MAX_PAYEE
					|| CONTROL.matcher(this.payee).find()) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "payee is required: at most "
						+ PaymentStore.MAX_PAYEE + " characters without control characters");
			}
		}

	}

}
