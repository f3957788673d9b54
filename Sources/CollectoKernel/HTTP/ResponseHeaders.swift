import HTTPTypes
import Hummingbird

/// A value a route answers with that has more to say than its JSON body:
/// ``Page`` tells its total and where its neighbours are. ``Endpoints`` adds
/// these headers to the answer and marks the route as paged in the API description.
protocol ResponseHeaders {
    /// The headers to send with this value's JSON, given the request it answers.
    func headers(answering request: Request) -> HTTPFields
}
