package dev.unifiedauth.authserver.delegation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.unifiedauth.core.policy.Operation;
import dev.unifiedauth.core.policy.PermissionPolicy;
import dev.unifiedauth.core.token.ActorChain;
import dev.unifiedauth.core.token.DelegationGrant;
import dev.unifiedauth.core.token.TaskId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random delegation chains (random scopes, resources, read-only flags, targets, actors, depths and times): no
 * hop ever holds a scope, audience, resource or lifetime its parent did not, FORBIDDEN scopes never reach an
 * agent token, read-only and the task are sticky, and the chain only grows by the new actor.
 */
class DelegationNeverWidensProperties {

	private static final List<String> SCOPES = List.copyOf(new TreeSet<>(Fixtures.ALICE_SCOPES));

	private static final List<String> RESOURCES = List.of("documents", "users", "payments", "audit", "admin-api");

	private static final List<String> AGENTS = List.of("agent-a", "agent-b", "agent-c", "agent-d", "agent-e",
			"agent-f");

	private final Attenuation attenuation = Fixtures.attenuation();

	private final PermissionPolicy policy = Fixtures.policy();

	@Property(tries = 1000)
	void delegationNeverWidens(@ForAll("humans") DelegationGrant human, @ForAll("hops") List<Hop> hops) {
		DelegationGrant parent = human;
		Instant now = Fixtures.NOW;
		int granted = 0;
		for (Hop hop : hops) {
			now = now.plusSeconds(hop.secondsLater());
			DelegationGrant child;
			try {
				child = this.attenuation.attenuate(parent, hop.requestFor(parent), hop.actor(), hop.actorScopes(), now);
			}
			catch (DelegationRefusal refusal) {
				Statistics.label("refusals").collect(refusal.reason());
				continue; // refusing is always allowed; widening never is
			}
			assertNeverWider(parent, child, hop, now);
			parent = child;
			granted++;
		}
		// the generators must exercise chains of granted hops, not only refusals
		Statistics.label("granted hops").collect(Math.min(granted, 3));
		Statistics.label("granted hops").coverage((coverage) -> {
			coverage.check(0).percentage((percent) -> percent < 70);
			coverage.check(3).percentage((percent) -> percent > 4);
		});
	}

	private void assertNeverWider(DelegationGrant parent, DelegationGrant child, Hop hop, Instant now) {
		assertThat(parent.scopes()).containsAll(child.scopes());
		assertThat(hop.actorScopes()).containsAll(child.scopes());
		assertThat(child.scopes()).noneMatch(this.policy::isForbidden).isNotEmpty();
		assertThat(parent.audience()).containsAll(child.audience());
		assertThat(child.expiresAt()).isBeforeOrEqualTo(parent.expiresAt())
			.isBeforeOrEqualTo(now.plus(Duration.ofMinutes(5)));
		assertThat(child.subject()).isEqualTo(parent.subject());
		assertThat(child.chain().depth()).isLessThanOrEqualTo(4);
		assertThat(child.chain().actors().subList(0, parent.chain().depth())).isEqualTo(parent.chain().actors());
		assertThat(child.chain().actors()).doesNotHaveDuplicates();
		assertThat(child.chain().current()).isEqualTo(hop.actor());
		if (parent.readOnly()) {
			assertThat(child.readOnly()).isTrue();
		}
		if (child.readOnly()) {
			assertThat(child.scopes()).noneMatch((scope) -> Operation.parse(scope).orElseThrow().writes());
		}
		if (parent.scopedResources() != null) {
			assertThat(child.scopedResources()).isNotNull();
			assertThat(parent.scopedResources()).containsAll(child.scopedResources());
		}
		if (child.scopedResources() != null) {
			assertThat(child.scopes()).allMatch(
					(scope) -> child.scopedResources().contains(Operation.parse(scope).orElseThrow().resource()));
		}
		if (parent.task() != null) {
			assertThat(child.task()).isEqualTo(parent.task());
		}
	}

	@Provide
	Arbitrary<DelegationGrant> humans() {
		return Combinators
			.combine(subsetOf(SCOPES).filter((scopes) -> !scopes.isEmpty()), Arbitraries.integers().between(60, 3600))
			.as((scopes, lifetime) -> new DelegationGrant("usr-" + scopes.size(), ActorChain.empty(), scopes,
					List.of(Fixtures.RS), null, false, null, Fixtures.NOW.plusSeconds(lifetime), null));
	}

	@Provide
	Arbitrary<List<Hop>> hops() {
		Arbitrary<Set<String>> actorScopes = Arbitraries.frequencyOf(
				net.jqwik.api.Tuple.of(3, Arbitraries.just(new TreeSet<>(SCOPES))),
				net.jqwik.api.Tuple.of(1, subsetOf(SCOPES)));
		Arbitrary<Pick> picks = Arbitraries.frequency(net.jqwik.api.Tuple.of(3, Pick.NONE),
				net.jqwik.api.Tuple.of(5, Pick.PART_OF_PARENT), net.jqwik.api.Tuple.of(1, Pick.ANYTHING));
		Arbitrary<Hop> hop = Combinators
			.combine(Arbitraries.of(AGENTS), actorScopes, picks, picks,
					Arbitraries.longs(), Arbitraries.integers().between(0, 100).map((p) -> p < 30),
					Arbitraries.frequencyOf(
							net.jqwik.api.Tuple.of(14, Arbitraries.just(List.<String>of())),
							net.jqwik.api.Tuple.of(2, Arbitraries.just(List.of(Fixtures.RS))),
							net.jqwik.api.Tuple.of(1, Arbitraries.just(List.of("https://other.example")))),
					Arbitraries.integers().between(0, 90))
			.as((actor, scopes, scopePick, resourcePick, seed, readOnly, resources, later) -> new Hop(actor, scopes,
					scopePick, resourcePick, seed, readOnly, resources, later));
		return hop.list().ofMinSize(1).ofMaxSize(7);
	}

	private static Arbitrary<Set<String>> subsetOf(List<String> values) {
		return Arbitraries.of(values).set().ofMaxSize(values.size()).map(TreeSet::new);
	}

	/** How a hop chooses what to ask for: nothing, a part of what the parent holds, or anything at all. */
	enum Pick {

		NONE, PART_OF_PARENT, ANYTHING

	}

	/** One delegation step; what it asks for is derived from the parent it meets. */
	record Hop(String actor, Set<String> actorScopes, Pick scopePick, Pick resourcePick, long seed, boolean readOnly,
			List<String> resources, int secondsLater) {

		DelegationRequest requestFor(DelegationGrant parent) {
			java.util.Random random = new java.util.Random(this.seed);
			Set<String> scopes = switch (this.scopePick) {
				case NONE -> null;
				case PART_OF_PARENT -> part(parent.scopes(), random);
				case ANYTHING -> part(new TreeSet<>(SCOPES), random);
			};
			Set<String> parentResources = new TreeSet<>();
			parent.scopes().forEach((scope) -> parentResources.add(Operation.parse(scope).orElseThrow().resource()));
			List<String> audiences = switch (this.resourcePick) {
				case NONE -> List.of();
				case PART_OF_PARENT -> new ArrayList<>(part(parentResources, random));
				case ANYTHING -> new ArrayList<>(part(new TreeSet<>(RESOURCES), random));
			};
			TaskId task = (parent.task() == null || random.nextInt(10) == 0) ? new TaskId("task-" + random.nextInt(2))
					: null;
			return new DelegationRequest(scopes, this.resources, audiences, this.readOnly, task, null);
		}

		/** A random non-empty part of {@code values} (empty only when they are). */
		private static Set<String> part(Set<String> values, java.util.Random random) {
			List<String> all = new ArrayList<>(values);
			Set<String> part = new TreeSet<>();
			for (String value : all) {
				if (random.nextBoolean()) {
					part.add(value);
				}
			}
			if (part.isEmpty() && !all.isEmpty()) {
				part.add(all.get(random.nextInt(all.size())));
			}
			return part;
		}

	}

}
