// Every query the explorer sends, in one place: a working example of each query a dashboard
// needs (see schema.graphql for the fields).

const SOURCES = `sources { locator quote illustrative note document { title } }`;

const MEMBER = `... on Organization { id code name } ... on Component { id name } ... on Post { id title }`;

const HOLDER = `__typename ... on Post { id title } ... on Component { id name } ... on Organization { id code name } ... on Forum { id name }`;

// The missions, for the picker.
export const MISSIONS = `query Missions {
  missions(first: 100) { nodes { acronym name formerNames { acronym } } }
}`;

// One mission by its acronym (former ones too), read on a date: its name then, its period.
export const MISSION = `query Mission($acronym: String!, $asOf: Date) {
  mission(acronym: $acronym, asOf: $asOf) {
    id acronym currentAcronym name validFrom validTo asOf
    formerNames { acronym name validFrom validTo }
    defaultAsOf { date reason explanation }
  }
}`;

// The stakeholder graph on a date, as large as the caller's budget allows.
export const GRAPH = `query Graph($mission: ID!, $asOf: Date, $nodes: Int, $edges: Int) {
  stakeholderGraph(mission: $mission, asOf: $asOf) {
    asOf
    effectiveDate { date reason explanation }
    nodesTruncated edgesTruncated
    nodes(first: $nodes) { id kind label }
    edges(first: $edges) { from to kind label capacity reportingKind rightKind leadRole }
  }
}`;

// The hats of the mission's posts on the date (a triple-hatted DSRSG/RC/HC has three).
export const HATS = `query Hats($mission: ID!, $asOf: Date) {
  mission(id: $mission, asOf: $asOf) { posts(asOf: $asOf) { id hats(asOf: $asOf) { hat } } }
}`;

// The actors sitting on both sides (mission forums and cluster forums), drawn as bridges.
export const BRIDGES = `query Bridges($mission: ID!, $asOf: Date) {
  bridges(mission: $mission, asOf: $asOf) {
    actor { ${MEMBER} }
    missionSeats { forum { id } }
    clusterSeats { forum { id } }
  }
}`;

// The same graph as text (the same cut of nodes as the map).
export const GRAPH_TEXT = {
  dot: `query Dot($mission: ID!, $asOf: Date, $nodes: Int) {
  stakeholderGraph(mission: $mission, asOf: $asOf) { nodes(first: $nodes) { id } dot }
}`,
  mermaid: `query Mermaid($mission: ID!, $asOf: Date, $nodes: Int) {
  stakeholderGraph(mission: $mission, asOf: $asOf) { nodes(first: $nodes) { id } mermaid }
}`,
};

// One record of the map, with its sources.
export const DETAILS = `query Details($id: ID!, $asOf: Date) {
  node(id: $id) {
    __typename
    ... on Post {
      title validFrom validTo sensitivity isComponentHead
      component { name }
      hats(asOf: $asOf) { hat validFrom validTo }
      ${SOURCES}
    }
    ... on Component { name acronym kind level validFrom validTo sensitivity ${SOURCES} }
    ... on Forum {
      name acronym kind level validFrom validTo sensitivity meetingFrequency purpose openToExternal
      ${SOURCES}
    }
    ... on Organization { code name kind description sensitivity ${SOURCES} }
    ... on Cluster { code name scope validFrom validTo sensitivity ${SOURCES} }
    ... on AreaOfResponsibility { name theme validFrom validTo sensitivity ${SOURCES} }
    ... on DecisionArea { code name description sensitivity ${SOURCES} }
  }
}`;

// The decision areas, for the who-decides picker.
export const DECISION_AREAS = `query DecisionAreas {
  decisionAreas(first: 50) { nodes { code name } }
}`;

// Who decides on an area in a mission on a date, with paths, exercisers, escalation, sources
// (within an anonymous caller's budget).
export const WHO_DECIDES = `query WhoDecides($mission: ID!, $area: String!, $asOf: Date) {
  whoDecides(mission: $mission, area: $area, asOf: $asOf) {
    applied truncated
    area { code name }
    effectiveDate { date reason explanation }
    groups {
      kind
      holders {
        scope nonDelegable jointDecision
        holder { ${HOLDER} }
        path { explanation holder { ... on Post { id } ... on Component { id } ... on Organization { id } ... on Forum { id } } }
        exercisedBy { vacant post { id title } }
        escalation { steps { to { ... on Post { id title } ... on Organization { id code } } } }
        ${SOURCES}
      }
    }
  }
}`;

// Seats over time in a forum, or of an organisation.
export const HISTORY = `query History($forum: ID, $organization: ID, $from: Date, $to: Date) {
  forumMembershipHistory(forum: $forum, organization: $organization, from: $from, to: $to) {
    date change capacity previousCapacity changesTruncated
    forum { id name }
    member { __typename ${MEMBER} }
    membership { ${SOURCES} }
  }
}`;

// What changed in a mission between two dates.
export const CHANGES = `query Changes($mission: ID!, $from: Date!, $to: Date!) {
  changesBetween(mission: $mission, from: $from, to: $to) {
    truncated
    changes(first: 100) {
      date change recordKind description attribute before after
      ${SOURCES}
    }
  }
}`;
