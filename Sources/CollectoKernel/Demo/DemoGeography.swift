/// Communes around Rennes with approximate centre coordinates: the demo
/// network's places are scattered around these.
enum DemoGeography {
    struct Commune {
        let name: String
        let postcode: String
        let latitude: Double
        let longitude: Double
    }

    static let communes: [Commune] = [
        .init(name: "Rennes", postcode: "35000", latitude: 48.1113, longitude: -1.6800),
        .init(name: "Cesson-Sévigné", postcode: "35510", latitude: 48.1214, longitude: -1.6030),
        .init(name: "Saint-Jacques-de-la-Lande", postcode: "35136", latitude: 48.0900, longitude: -1.7200),
        .init(name: "Bruz", postcode: "35170", latitude: 48.0247, longitude: -1.7456),
        .init(name: "Chantepie", postcode: "35135", latitude: 48.0886, longitude: -1.6156),
        .init(name: "Betton", postcode: "35830", latitude: 48.1820, longitude: -1.6440),
        .init(name: "Pacé", postcode: "35740", latitude: 48.1480, longitude: -1.7740),
        .init(name: "Vezin-le-Coquet", postcode: "35132", latitude: 48.1180, longitude: -1.7540),
        .init(name: "Saint-Grégoire", postcode: "35760", latitude: 48.1510, longitude: -1.6850),
        .init(name: "Thorigné-Fouillard", postcode: "35235", latitude: 48.1600, longitude: -1.5800),
        .init(name: "Acigné", postcode: "35690", latitude: 48.1330, longitude: -1.5350),
        .init(name: "Vern-sur-Seiche", postcode: "35770", latitude: 48.0450, longitude: -1.6010),
        .init(name: "Chartres-de-Bretagne", postcode: "35131", latitude: 48.0400, longitude: -1.7050),
        .init(name: "Le Rheu", postcode: "35650", latitude: 48.1010, longitude: -1.7950),
        .init(name: "Mordelles", postcode: "35310", latitude: 48.0750, longitude: -1.8430),
        .init(name: "Montfort-sur-Meu", postcode: "35160", latitude: 48.1380, longitude: -1.9560),
        .init(name: "Liffré", postcode: "35340", latitude: 48.2130, longitude: -1.5070),
        .init(name: "Châteaugiron", postcode: "35410", latitude: 48.0470, longitude: -1.5040),
        .init(name: "Janzé", postcode: "35150", latitude: 47.9600, longitude: -1.4990),
        .init(name: "Guichen", postcode: "35580", latitude: 47.9670, longitude: -1.7950),
        .init(name: "Melesse", postcode: "35520", latitude: 48.2170, longitude: -1.6940),
        .init(name: "Saint-Aubin-du-Cormier", postcode: "35140", latitude: 48.2600, longitude: -1.3990),
        .init(name: "Vitré", postcode: "35500", latitude: 48.1240, longitude: -1.2090),
        .init(name: "Fougères", postcode: "35300", latitude: 48.3520, longitude: -1.1990),
        .init(name: "Redon", postcode: "35600", latitude: 47.6510, longitude: -2.0840),
        .init(name: "Saint-Malo", postcode: "35400", latitude: 48.6490, longitude: -2.0260),
        .init(name: "Dinard", postcode: "35800", latitude: 48.6320, longitude: -2.0610),
        .init(name: "Combourg", postcode: "35270", latitude: 48.4100, longitude: -1.7510),
        .init(name: "Montauban-de-Bretagne", postcode: "35360", latitude: 48.1990, longitude: -2.0480),
        .init(name: "Bain-de-Bretagne", postcode: "35470", latitude: 47.8420, longitude: -1.6830),
    ]

    static let streets = [
        "rue de la République", "avenue du Général Leclerc", "boulevard de la Liberté", "rue Jean Jaurès", "rue de Nantes",
        "rue Victor Hugo", "avenue Pasteur", "rue de Brest", "rue des Lilas", "route de Lorient", "rue de la Gare",
        "place de l'Église", "rue du Moulin", "allée des Tilleuls", "rue Pierre Mendès France", "rue de Fougères",
    ]
}
