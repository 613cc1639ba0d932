package dev.unifiedauth.resourceserver.payments;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A recorded payment.
 *
 * @param id identifier
 * @param amount positive, at most two decimals, at most {@link PaymentStore#MAX_AMOUNT}
 * @param currency ISO 4217 code, three capital letters
 * @param payee who is paid, at most {@value PaymentStore#MAX_PAYEE} characters
 * @param createdBy the {@code sub} of the token that created it
 * @param createdAt when
 */
public record Payment(String id, BigDecimal amount, String currency, String payee, String createdBy,
		Instant createdAt) {
}
