package dev.unifiedauth.authserver.audit;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit trail, bound from {@code unified-auth.audit.*} (docs/configuration.md).
 *
 * @param checkpointEvery a signed checkpoint for every this many entries
 * @param checkpointInterval how often the head is checkpointed as well (if it moved since)
 * @param checkpointKeyFile the Ed25519 checkpoint key (PEM), created on first start; never in the database
 * @param checkpointExportFile the file outside the database every checkpoint is appended to
 * @param maxIngestBatch the most events a resource server may deliver in one request
 */
@ConfigurationProperties("unified-auth.audit")
public record AuditProperties(@DefaultValue("100") int checkpointEvery,
		@DefaultValue("5m") Duration checkpointInterval,
		@DefaultValue("./data/audit-checkpoint.key") Path checkpointKeyFile,
		@DefaultValue("./data/audit-checkpoints.jsonl") Path checkpointExportFile,
		@DefaultValue("500") int maxIngestBatch) {

}
