package dev.unifiedauth.authserver.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every test of the class once per supported database: the class takes a {@link TestDatabase} (migrated,
 * one per vendor, created on first use and dropped after the class) as its constructor argument.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedClass(name = "{0}")
@MethodSource("dev.unifiedauth.authserver.testing.TestDatabase#everyVendor")
public @interface OnEveryDatabase {

}
