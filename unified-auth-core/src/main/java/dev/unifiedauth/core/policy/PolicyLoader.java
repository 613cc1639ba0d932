package dev.unifiedauth.core.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a policy file:
 *
 * <pre>
 * resources:
 *   documents:
 *     read: FREE
 *     delete: SUPERVISED
 *   audit:
 *     read: FREE
 *     "*": FORBIDDEN        # every other action
 * roles:
 *   admin: [documents:read, documents:delete, audit:read]
 * </pre>
 *
 * Every problem is reported with the file, line and column. Thread-safe.
 */
public final class PolicyLoader {

	private static final String OTHER_ACTIONS = "*";

	private PolicyLoader() {
	}

	public static PermissionPolicy load(InputStream in, String source) {
		return load(new InputStreamReader(in, StandardCharsets.UTF_8), source);
	}

	public static PermissionPolicy load(Reader reader, String source) {
		Node root;
		try (reader) {
			LoaderOptions options = new LoaderOptions();
			options.setMaxAliasesForCollections(10);
			options.setCodePointLimit(1024 * 1024);
			root = new Yaml(options).compose(reader);
		}
		catch (MarkedYAMLException ex) {
			Mark mark = (ex.getProblemMark() != null) ? ex.getProblemMark() : ex.getContextMark();
			throw new PolicyException(where(source, mark) + ": not valid YAML: " + ex.getProblem(), ex);
		}
		catch (IOException | RuntimeException ex) {
			throw new PolicyException(source + ": cannot be read: " + ex.getMessage(), ex);
		}
		if (root == null) {
			throw new PolicyException(source + ": the policy file is empty");
		}
		return new Reading(source).policy(root);
	}

	private static String where(String source, Mark mark) {
		return (mark != null) ? source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) : source;
	}

	/** One pass over one file. */
	private static final class Reading {

		private final String source;

		Reading(String source) {
			this.source = source;
		}

		PermissionPolicy policy(Node root) {
			Map<String, Node> sections = mapping(root, "the policy");
			for (Map.Entry<String, Node> section : sections.entrySet()) {
				if (!List.of("resources", "roles").contains(section.getKey())) {
					throw error(section.getValue(), "unknown section '" + section.getKey()
							+ "' (expected 'resources' and 'roles')");
				}
			}
			Node resourcesNode = sections.get("resources");
			if (resourcesNode == null) {
				throw new PolicyException(this.source + ": the policy has no 'resources' section");
			}
			Map<String, PermissionPolicy.ResourcePolicy> resources = new LinkedHashMap<>();
			mapping(resourcesNode, "resources").forEach((name, node) -> resources.put(name, resource(name, node)));
			Map<String, Set<Operation>> roles = new HashMap<>();
			Node rolesNode = sections.get("roles");
			if (rolesNode != null) {
				mapping(rolesNode, "roles").forEach((role, node) -> roles.put(role, grants(role, node, resources)));
			}
			return new PermissionPolicy(resources, roles);
		}

		private PermissionPolicy.ResourcePolicy resource(String name, Node node) {
			if (!Operation.NAME.matcher(name).matches()) {
				throw error(node, "resource name '" + name + "' must match " + Operation.NAME.pattern());
			}
			Map<String, Tier> actions = new LinkedHashMap<>();
			Tier others = null;
			for (Map.Entry<String, Node> action : mapping(node, "resource '" + name + "'").entrySet()) {
				Tier tier = tier(action.getValue());
				if (OTHER_ACTIONS.equals(action.getKey())) {
					others = tier;
				}
				else if (!Operation.NAME.matcher(action.getKey()).matches()) {
					throw error(action.getValue(), "action name '" + action.getKey() + "' of resource '" + name
							+ "' must match " + Operation.NAME.pattern());
				}
				else {
					actions.put(action.getKey(), tier);
				}
			}
			return new PermissionPolicy.ResourcePolicy(name, actions, others);
		}

		private Tier tier(Node node) {
			String value = scalar(node, "a tier");
			try {
				return Tier.valueOf(value);
			}
			catch (IllegalArgumentException ex) {
				throw error(node, "unknown tier '" + value + "' (expected "
						+ Arrays.stream(Tier.values()).map(Tier::name).collect(Collectors.joining(", ")) + ")");
			}
		}

		private Set<Operation> grants(String role, Node node, Map<String, PermissionPolicy.ResourcePolicy> resources) {
			if (!(node instanceof SequenceNode sequence)) {
				throw error(node, "role '" + role + "' must be a list of resource:action scopes");
			}
			Set<Operation> granted = new HashSet<>();
			for (Node item : sequence.getValue()) {
				String scope = scalar(item, "a resource:action scope");
				Operation operation = Operation.parse(scope)
					.orElseThrow(() -> error(item, "'" + scope + "' in role '" + role + "' is not resource:action"));
				PermissionPolicy.ResourcePolicy resource = resources.get(operation.resource());
				if (resource == null) {
					throw error(item, "role '" + role + "' grants '" + scope + "' of unknown resource '"
							+ operation.resource() + "'");
				}
				if (resource.tierOf(operation.action()).isEmpty()) {
					throw error(item, "role '" + role + "' grants '" + scope + "' but resource '"
							+ operation.resource() + "' has no action '" + operation.action() + "'");
				}
				granted.add(operation);
			}
			return granted;
		}

		private Map<String, Node> mapping(Node node, String what) {
			if (!(node instanceof MappingNode mapping)) {
				throw error(node, what + " must be a mapping");
			}
			Map<String, Node> entries = new LinkedHashMap<>();
			for (NodeTuple tuple : mapping.getValue()) {
				String key = scalar(tuple.getKeyNode(), "a name");
				if (entries.putIfAbsent(key, tuple.getValueNode()) != null) {
					throw error(tuple.getKeyNode(), "'" + key + "' appears twice in " + what);
				}
			}
			return entries;
		}

		private String scalar(Node node, String what) {
			if (!(node instanceof ScalarNode scalar)) {
				throw error(node, "expected " + what);
			}
			return scalar.getValue();
		}

		private PolicyException error(Node node, String problem) {
			return new PolicyException(where(this.source, node.getStartMark()) + ": " + problem);
		}

	}

}
