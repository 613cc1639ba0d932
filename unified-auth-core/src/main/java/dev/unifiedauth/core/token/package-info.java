/**
 * What an access token of this system says about delegation, as both servers read it: the human ({@code sub}),
 * the actor chain ({@code act}, RFC 8693 §4.1), the task ({@code task_id}), the attenuations
 * ({@code scoped_resources}, {@code read_only}) and who may act next ({@code may_act}, RFC 8693 §4.4).
 */
package dev.unifiedauth.core.token;
