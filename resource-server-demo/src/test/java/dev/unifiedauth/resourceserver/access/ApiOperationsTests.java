package dev.unifiedauth.resourceserver.access;

import java.util.Map;
import java.util.TreeMap;

import dev.unifiedauth.core.policy.PermissionPolicy;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every API endpoint declares the operation of issue 4's mapping, and every one of them is in the policy: no
 * handler under {@code /api/} escapes {@link TierEnforcement}.
 */
class ApiOperationsTests extends ResourceServerHttpTest {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	PermissionPolicy policy;

	@Test
	void apiHandlersWhenListedThenEachDeclaresItsOperation() {
		Map<String, String> operations = new TreeMap<>();
		this.mappings.getHandlerMethods().forEach((info, method) -> info.getPatternValues().forEach((pattern) -> {
			if (pattern.startsWith("/api")) {
				RequiresOperation required = method.getMethodAnnotation(RequiresOperation.class);
				info.getMethodsCondition().getMethods().forEach((verb) -> operations.put(verb + " " + pattern,
						(required != null) ? required.value() + " target=" + required.target() : "none"));
			}
		}));
		assertThat(operations).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
				Map.entry("GET /api/documents", "documents:read target="),
				Map.entry("GET /api/documents/{id}", "documents:read target=id"),
				Map.entry("POST /api/documents", "documents:create target="),
				Map.entry("PUT /api/documents/{id}", "documents:update target=id"),
				Map.entry("DELETE /api/documents/{id}", "documents:delete target=id"),
				Map.entry("GET /api/users", "users:read target="), Map.entry("GET /api/users/{id}", "users:read target=id"),
				Map.entry("PUT /api/users/{id}", "users:update target=id"),
				Map.entry("DELETE /api/users/{id}", "users:delete target=id"),
				Map.entry("GET /api/payments", "payments:read target="),
				Map.entry("GET /api/payments/{id}", "payments:read target=id"),
				Map.entry("POST /api/payments", "payments:create target=")));
		operations.values()
			.forEach((operation) -> assertThat(this.policy.operationScopes()).contains(operation.split(" ")[0]));
	}

}
