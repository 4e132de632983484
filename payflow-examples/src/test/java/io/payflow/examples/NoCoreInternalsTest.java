package io.payflow.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * payflow-core's {@code internal} packages are its implementation, free to change in any release:
 * this module, main and test classes alike, uses core's public API only. Core cannot check this
 * itself (it does not see the modules that depend on it), so each of them does.
 */
class NoCoreInternalsTest {

  @Test
  void nothingOutsideCoreUsesCoreInternals() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.payflow.core..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.payflow.core.internal..")
        // This module's classes are directories on the test classpath; jars are other modules.
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_ARCHIVES)
                .importPackages("io.payflow"));
  }
}
