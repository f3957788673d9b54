import CollectoKernel
import Foundation
import Mustache

/// The printable tax receipt (HTML).
enum TaxReceiptDocument {
    static let template: MustacheTemplate = {
        do { return try MustacheTemplate(string: html) } catch { fatalError("tax receipt template: \(error)") }
    }()

    static func render(_ receipt: TaxReceipt, donor: Organisation, issuer: String, cancels: String?, cancelledBy: String?) -> String {
        let lines: [[String: String]] = receipt.lines.map {
            [
                "category": $0.category, "kg": String(format: "%.3f", $0.kg), "full": String(format: "%.3f", $0.fullValueKg),
                "half": String(format: "%.3f", $0.halfValueKg), "zero": String(format: "%.3f", $0.zeroValueKg),
                "price": String(format: "%.2f", $0.valuePerKg), "value": String(format: "%.2f", $0.value),
            ]
        }
        var values: [String: Any] = [
            "reference": receipt.reference, "year": String(receipt.year), "issuer": issuer, "donor": donor.name,
            "issuedAt": String(Instant.format(receipt.issuedAt).prefix(10)), "lines": lines,
            "totalKg": String(format: "%.3f", receipt.totalKg),
            "totalValue": String(format: "%.2f", receipt.totalValue),
        ]
        if let cancels { values["cancels"] = cancels }
        if let cancelledBy { values["cancelledBy"] = cancelledBy }
        return template.render(values)
    }

    static let html = """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <title>Reçu {{reference}}</title>
        <style>
        body { font-family: serif; margin: 2em; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border: 1px solid #888; padding: 4px 8px; }
        td.n { text-align: right; }
        .cancelled { color: #a00; font-weight: bold; }
        </style>
        </head>
        <body>
        <h1>Reçu au titre des dons en nature — n° {{reference}}</h1>
        {{#cancelledBy}}<p class="cancelled">ANNULÉ ET REMPLACÉ par le reçu n° {{cancelledBy}}</p>{{/cancelledBy}}
        {{#cancels}}<p>Ce reçu annule et remplace le reçu n° {{cancels}}.</p>{{/cancels}}
        <p>Organisme bénéficiaire : <strong>{{issuer}}</strong></p>
        <p>Donateur : <strong>{{donor}}</strong> — dons de l'année {{year}}</p>
        <table>
        <thead><tr><th>Catégorie</th><th>kg</th><th>kg valorisés</th><th>kg à 50 % (≤ 3 j. de la DLC)</th><th>kg non valorisés (DLC dépassée)</th><th>€/kg</th><th>Valeur (€)</th></tr></thead>
        <tbody>
        {{#lines}}<tr><td>{{category}}</td><td class="n">{{kg}}</td><td class="n">{{full}}</td><td class="n">{{half}}</td><td class="n">{{zero}}</td><td class="n">{{price}}</td><td class="n">{{value}}</td></tr>{{/lines}}
        </tbody>
        <tfoot><tr><th>Total</th><th class="n">{{totalKg}}</th><th colspan="4"></th><th class="n">{{totalValue}}</th></tr></tfoot>
        </table>
        <p>Émis le {{issuedAt}}. Date des dons : jour de la prise en charge par l'organisme.</p>
        </body>
        </html>
        """
}
