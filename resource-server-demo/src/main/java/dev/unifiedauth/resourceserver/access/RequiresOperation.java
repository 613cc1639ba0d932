package dev.unifiedauth.resourceserver.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The operation ({@code resource:action}, contract section Tiers) an API endpoint performs. Every handler under
 * {@code /api/} must carry one: {@link TierEnforcement} decides it with the shared policy before the handler runs,
 * and refuses handlers without it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresOperation {

	/** The operation, e.g. {@code documents:delete}. */
	String value();

	/** The path variable naming the object the operation acts on (its target); none for collection operations. */
	String target() default "id";

}
