import PraktikCore
import Testing

/// A date from `YYYY-MM-DD`, failing the test (not crashing the run) on a typo in the fixture.
func civilDate(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> CivilDate {
    try #require(CivilDate(iso8601: text), "fixture \(text) is not a date", sourceLocation: sourceLocation)
}

/// The reference date ("today") of the identifier tests, passed in as the production code requires.
func referenceDay() throws -> CivilDate { try civilDate("2026-05-14") }
