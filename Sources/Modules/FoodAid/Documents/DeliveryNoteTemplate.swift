/// The delivery note's HTML (Mustache; every value is escaped).
enum DeliveryNoteTemplate {
    static let html = """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <title>Bon de livraison {{orderId}}</title>
        <style>
        body { font-family: sans-serif; margin: 2em; color: #111; }
        table { border-collapse: collapse; width: 100%; margin-top: 1em; }
        th, td { border: 1px solid #999; padding: 4px 8px; text-align: left; }
        td.number { text-align: right; }
        .label { font-weight: bold; color: #a40; }
        .signatures { display: flex; gap: 4em; margin-top: 3em; }
        .signatures div { border-top: 1px solid #111; width: 40%; padding-top: 0.5em; }
        @media print { body { margin: 0; } }
        </style>
        </head>
        <body>
        <h1>Bon de livraison — delivery note</h1>
        <p><strong>{{foodBank}}</strong> → <strong>{{partner}}</strong><br>{{address}}</p>
        <p>Order {{orderId}} · {{windowName}} · {{fulfilment}} on {{deliveryDay}} · status {{status}}</p>
        {{#hasLines}}
        <table>
        <thead><tr><th>Product</th><th>Lot</th><th>Date</th><th></th><th>Units</th><th>kg</th></tr></thead>
        <tbody>
        {{#lines}}
        <tr><td>{{product}}</td><td>{{lot}}</td><td>{{date}}</td><td class="label">{{label}}</td><td class="number">{{units}}</td><td class="number">{{kg}}</td></tr>
        {{/lines}}
        </tbody>
        <tfoot><tr><th colspan="4">Total</th><th class="number">{{totalUnits}}</th><th class="number">{{totalKg}}</th></tr></tfoot>
        </table>
        {{/hasLines}}
        {{^hasLines}}<p>Nothing allocated to this order.</p>{{/hasLines}}
        <div class="signatures"><div>Prepared by (food bank)</div><div>Received by (partner), with any discrepancy</div></div>
        <p><small>Printed {{printedAt}}</small></p>
        </body>
        </html>
        """
}
