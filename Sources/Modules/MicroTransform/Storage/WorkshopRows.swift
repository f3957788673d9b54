import CollectoKernel
import Foundation

/// Reads MicroTransform's rows into its domain values.
enum WorkshopRows {
    static func kg(_ grams: Int) -> Double { Grams.kg(grams) }
    static func grams(_ kg: Double) -> Int { Grams.of(kg: kg) }

    static func intake(_ row: SQLRow) throws -> Intake {
        Intake(
            id: try row.uuid("id"), workshopId: try row.uuid("workshop_id"), source: try row.string("source"),
            sourceModule: try row.optionalString("source_module"), sourceReference: try row.optionalString("source_reference"),
            sourceSiteId: try row.uuid("source_site_id"), sourceOrganisationId: try row.uuid("source_organisation_id"),
            produceKind: try row.optionalString("produce_kind").flatMap(ProduceKind.init(rawValue:)), category: try row.string("category"),
            productName: try row.optionalString("product_name"), kg: kg(try row.int("grams")),
            spoilDate: try row.calendarDate("spoil_date"),
            status: try row.value(IntakeStatus.self, "status"), reason: try row.optionalString("reason"),
            taskId: try row.optionalUUID("task_id"), lotId: try row.optionalUUID("lot_id"), createdAt: try row.instant("created_at"),
            decidedAt: try row.optionalInstant("decided_at"))
    }

    static func inputLot(_ row: SQLRow) throws -> InputLot {
        InputLot(
            id: try row.uuid("id"), workshopId: try row.uuid("workshop_id"), intakeId: try row.uuid("intake_id"),
            produceKind: try row.value(ProduceKind.self, "produce_kind"),
            productName: try row.optionalString("product_name"), kg: kg(try row.int("grams")), leftKg: kg(try row.int("left_grams")),
            spoilDate: try row.calendarDate("spoil_date"), status: try row.value(InputLotStatus.self, "status"),
            receivedAt: try row.optionalInstant("received_at"), writtenOffKg: kg(try row.int("written_off_grams")))
    }

    static func outputLot(_ row: SQLRow) throws -> OutputLot {
        OutputLot(
            id: try row.uuid("id"), batchId: try row.uuid("batch_id"), workshopId: try row.uuid("workshop_id"),
            productName: try row.string("product_name"), productCode: try row.string("product_code"),
            packaging: try row.string("packaging"),
            units: try row.int("units"), unitKg: try row.double("unit_kg"), kg: kg(try row.int("grams")),
            useBy: try row.optionalCalendarDate("use_by"), bestBefore: try row.optionalCalendarDate("best_before"),
            status: try row.value(OutputLotStatus.self, "status"), createdAt: try row.instant("created_at"),
            releasedAt: try row.optionalInstant("released_at"))
    }
}
