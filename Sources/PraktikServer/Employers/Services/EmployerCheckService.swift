import Fluent
import Foundation
import PraktikCore
import SQLKit

/// The employer checklist: the admin's check types, and the results case workers record.
struct EmployerCheckService: Sendable {
    let database: any Database
    let clock: AppClock

    struct RecordInput: Sendable {
        var checkTypeID: String = ""
        var result: String = ""
        var checkedOn: String = ""
        var expiresOn: String = ""
        var unionName: String = ""
        var note: String = ""
    }

    /// One check type with its latest result for an employer.
    struct Standing: Sendable {
        let type: EmployerCheckType
        let latest: EmployerCheck?
        let standing: EmployerCheckStanding
    }

    func types(includingInactive: Bool = false) async throws -> [EmployerCheckType] {
        var query = EmployerCheckType.query(on: database)
        if !includingInactive { query = query.filter(\.$isActive == true) }
        return try await query.sort(\.$position).sort(\.$key).all()
    }

    /// A check type, or "not found".
    func type(_ id: UUID?) async throws -> EmployerCheckType {
        guard let id, let type = try await EmployerCheckType.find(id, on: database) else { throw AppError.notFound }
        return type
    }

    func record(for employer: Employer, _ input: RecordInput, by actor: AuditLog.Actor) async throws -> EmployerCheck {
        var errors = FormErrors()
        let type = try await UUID(uuidString: input.checkTypeID).asyncFlatMap { try await EmployerCheckType.find($0, on: database) }
        if type == nil { errors.add("checkTypeID", "form.required") }
        let result = EmployerCheckResult(rawValue: input.result)
        if result == nil { errors.add("result", "form.required") }
        let today = try clock.today()
        let checkedOn = CivilDate(iso8601: input.checkedOn.trimmingCharacters(in: .whitespaces))
        if let checkedOn {
            if today < checkedOn { errors.add("checkedOn", "check.date-in-future") }
        } else {
            errors.add("checkedOn", "form.date")
        }
        var expiresOn: CivilDate?
        let expiresText = input.expiresOn.trimmingCharacters(in: .whitespaces)
        if !expiresText.isEmpty {
            expiresOn = CivilDate(iso8601: expiresText)
            if expiresOn == nil { errors.add("expiresOn", "form.date") }
            if let expiresOn, let checkedOn, expiresOn < checkedOn { errors.add("expiresOn", "check.expiry-before-date") }
        } else if let days = type?.validityDays, let checkedOn {
            expiresOn = checkedOn.adding(days: days)
        }
        let unionName = errors.text("unionName", input.unionName, .name)
        if type?.needsUnion == true, result == .passed, unionName.isEmpty { errors.add("unionName", "check.union-required") }
        let note = errors.text("note", input.note, .text)
        try errors.throwIfAny()
        guard let type, let typeID = type.id, let result, let checkedOn, let employerID = employer.id else {
            throw FormErrors(fields: ["result": "form.required"])
        }
        let check = EmployerCheck()
        check.$employer.id = employerID
        check.$checkType.id = typeID
        check.result = result.rawValue
        check.checkedOn = checkedOn.description
        check.expiresOn = expiresOn?.description
        check.unionName = unionName.isEmpty ? nil : unionName
        check.note = note
        check.$recordedBy.id = actor.userID
        check.recordedAt = clock.now()
        try await database.writingTransaction { db in
            try await check.create(on: db)
            try await AuditLog(database: db, clock: clock).record(
                .create, by: actor, recordType: .employerCheck, recordID: check.id, detail: "\(type.key)=\(result.rawValue)")
        }
        return check
    }

    /// Each active check type with its latest result for `employerID` (latest check date, then the
    /// latest recording on that date).
    func standings(of employerID: UUID) async throws -> [Standing] {
        let types = try await types()
        let checks = try await EmployerCheck.query(on: database).filter(\.$employer.$id == employerID)
            .sort(\.$checkedOn, .descending).sort(\.$recordedAt, .descending).all()
        var latest: [UUID: EmployerCheck] = [:]
        for check in checks where latest[check.$checkType.id] == nil { latest[check.$checkType.id] = check }
        return types.compactMap { type in
            guard let id = type.id else { return nil }
            let check = latest[id]
            return Standing(type: type, latest: check, standing: Self.standing(key: type.key, check: check))
        }
    }

    /// The standing of each of `types` for many employers at once (the import's question), from
    /// one query per thousand employers: the latest check date, then the latest recording.
    func standings(ofEmployers employerIDs: [UUID], types: [EmployerCheckType]) async throws -> [UUID: [EmployerCheckStanding]] {
        var latest: [UUID: [UUID: EmployerCheck]] = [:]
        for chunk in employerIDs.chunked(into: 1000) {
            let checks = try await EmployerCheck.query(on: database).filter(\.$employer.$id ~~ Array(chunk))
                .sort(\.$checkedOn, .descending).sort(\.$recordedAt, .descending).all()
            for check in checks where latest[check.$employer.id]?[check.$checkType.id] == nil {
                latest[check.$employer.id, default: [:]][check.$checkType.id] = check
            }
        }
        var result: [UUID: [EmployerCheckStanding]] = [:]
        for employerID in employerIDs {
            result[employerID] = types.compactMap { type in
                type.id.map { Self.standing(key: type.key, check: latest[employerID]?[$0]) }
            }
        }
        return result
    }

    /// Every recorded result, newest first, for the history on the employer page. Checks recorded
    /// in one go (same day, same moment) follow the checklist's order, not the database's whim.
    func history(of employerID: UUID) async throws -> [EmployerCheck] {
        try await EmployerCheck.query(on: database).filter(\.$employer.$id == employerID)
            .join(EmployerCheckType.self, on: \EmployerCheck.$checkType.$id == \EmployerCheckType.$id)
            .with(\.$checkType).with(\.$recordedBy)
            .sort(\.$checkedOn, .descending).sort(\.$recordedAt, .descending)
            .sort(EmployerCheckType.self, \.$position).sort(EmployerCheckType.self, \.$key).all()
    }

    static func standing(key: String, check: EmployerCheck?) -> EmployerCheckStanding {
        guard let check else { return .missing(key) }
        return EmployerCheckStanding(
            checkKey: key, result: EmployerCheckResult(rawValue: check.result), recordedOn: CivilDate(iso8601: check.checkedOn),
            expiresOn: check.expiresOn.flatMap(CivilDate.init(iso8601:)))
    }

    // MARK: The admin's checklist

    struct TypeInput: Sendable {
        var key: String = ""
        var nameSwedish: String = ""
        var nameEnglish: String = ""
        var nameDanish: String = ""
        var validityDays: String = ""
        var isRequired: Bool = true
        var needsUnion: Bool = false
        var isActive: Bool = true
        var position: String = ""
    }

    func saveType(_ existing: EmployerCheckType?, _ input: TypeInput, by actor: AuditLog.Actor) async throws -> EmployerCheckType {
        var errors = FormErrors()
        let key = input.key.trimmingCharacters(in: .whitespaces).lowercased()
        if existing == nil {
            let allowed = key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
            if key.isEmpty || !allowed || key.count > 40 { errors.add("key", "check-type.key.invalid") }
            if errors.isEmpty, try await keyIsTaken(key) { errors.addDuplicate("key", "check-type.key.taken") }
        }
        let swedish = errors.text("nameSwedish", input.nameSwedish, .name, required: true)
        let english = errors.text("nameEnglish", input.nameEnglish, .name, required: true)
        let danish = errors.text("nameDanish", input.nameDanish, .name)
        var validity: Int?
        let validityText = input.validityDays.trimmingCharacters(in: .whitespaces)
        if !validityText.isEmpty {
            validity = Int(validityText)
            if validity == nil || !(1...3650).contains(validity ?? 0) { errors.add("validityDays", "form.number") }
        }
        try errors.throwIfAny()
        let type = existing ?? EmployerCheckType()
        if existing == nil { type.key = key }
        type.nameSwedish = swedish
        type.nameEnglish = english
        type.nameDanish = danish.isEmpty ? nil : danish
        type.validityDays = validity
        type.isRequired = input.isRequired
        type.needsUnion = input.needsUnion
        type.isActive = input.isActive
        if let position = Int(input.position.trimmingCharacters(in: .whitespaces)) {
            type.position = position
        } else if existing == nil {
            type.position = (try await EmployerCheckType.query(on: database).max(\.$position) ?? 0) + 1
        }
        try await UniqueIndex.guarding {
            try await database.writingTransaction { db in
                try await type.save(on: db)
                try await AuditLog(database: db, clock: clock).record(
                    existing == nil ? .create : .update, by: actor, recordType: .employerCheckType, recordID: type.id)
            }
        } whenTaken: {
            if existing == nil, try await keyIsTaken(key) { throw FormErrors.duplicate("key", "check-type.key.taken") }
        }
        return type
    }

    private func keyIsTaken(_ key: String) async throws -> Bool {
        try await EmployerCheckType.query(on: database).filter(\.$key == key).count() > 0
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
