package io.countersign.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The complete example in docs/policy.md must be a valid policy. */
class DocsExampleTest {
    @Test
    void theDocumentedExampleParses() throws Exception {
        String doc = Files.readString(Path.of(System.getProperty("countersign.root"), "docs", "policy.md"));
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        String yaml = doc.substring(start, doc.indexOf("```", start));
        Policy p = PolicyParser.parse(yaml);
        assertEquals(7, p.version());
        assertEquals(9, p.rules().size());
        assertEquals(2, p.admins().threshold());
    }
}
