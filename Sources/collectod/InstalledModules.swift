import Biowaste
import CollectoKernel
import FoodAid
import MicroTransform

/// The composition root: the only place that names the modules. The
/// configuration chooses which of these are enabled and in what order.
enum InstalledModules {
    static var all: [any CollectoModule] {
        [FoodAidModule(), MicroTransformModule(), BiowasteModule()]
    }
}
